import 'reflect-metadata';
import { loadPlatformConfig, runService } from '#platform';
import { NOTIFICATIONS } from './notifications.definition.js';

await runService(loadPlatformConfig('notifications'), NOTIFICATIONS);
