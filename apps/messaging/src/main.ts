import 'reflect-metadata';
import { loadPlatformConfig, runService } from '#platform';
import { MESSAGING } from './messaging.definition.js';

await runService(loadPlatformConfig('messaging'), MESSAGING);
