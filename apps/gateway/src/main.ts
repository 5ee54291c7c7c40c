import 'reflect-metadata';
import { loadPlatformConfig, runService } from '#platform';
import { GATEWAY } from './gateway.definition.js';

await runService(loadPlatformConfig('gateway'), GATEWAY);
