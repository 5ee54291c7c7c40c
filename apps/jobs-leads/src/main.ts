import 'reflect-metadata';
import { loadPlatformConfig, runService } from '#platform';
import { JOBS_LEADS } from './jobs-leads.definition.js';

await runService(loadPlatformConfig('jobs-leads'), JOBS_LEADS);
