import 'reflect-metadata';
import { loadPlatformConfig, runService } from '#platform';
import { ESCROW } from './escrow.definition.js';

await runService(loadPlatformConfig('escrow'), ESCROW);
