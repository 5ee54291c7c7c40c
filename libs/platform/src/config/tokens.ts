/** Injection tokens of the platform module. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const SERVICE_PERSISTENCE = Symbol('SERVICE_PERSISTENCE');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
