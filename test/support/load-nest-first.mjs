/**
 * Jest setupFile. @nestjs/throttler is CommonJS and require()s @nestjs/common and @nestjs/core,
 * which are ES modules. Node allows that, but jest's module loader refuses a require() of an ES
 * module that is still being evaluated in the same graph ("Cannot require() ES Module ... in a
 * cycle"), which is what happens when a test's own imports reach both. Evaluated here first,
 * they are finished modules by the time the throttler asks for them.
 */
import '@nestjs/common';
import '@nestjs/core';
