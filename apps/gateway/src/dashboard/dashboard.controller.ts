import {
  CommonErrors,
  DomainError,
  EscrowApi,
  JobsApi,
  MessagingApi,
  NotificationsApi,
  type UserPrincipal,
} from '#contracts';
import { BusClient, ROOT_LOGGER } from '#platform';
import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Logger } from 'pino';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { DASHBOARD_CONFIG, type DashboardConfig } from './dashboard.config.js';
import { DASHBOARD_EXAMPLES } from './dashboard.examples.js';
import { gatherParts, type MissingPart } from './dashboard-parts.js';
import {
  CustomerDashboardResponse,
  DASHBOARD_MODELS,
  toCustomerDashboardResponse,
  toVendorDashboardResponse,
  VendorDashboardResponse,
} from './dashboard.response.js';

/** Failures a part may have that say nothing is wrong with the code: a service down or slow. */
const OUTAGES: readonly string[] = [
  CommonErrors.UPSTREAM_UNAVAILABLE,
  CommonErrors.UPSTREAM_TIMEOUT,
];

/**
 * The signed-in user's dashboard, gathered from the services over the bus at once: each answers
 * its own part, and a part that fails or misses the deadline is `unavailable` while the page
 * answers with the rest.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiExtraModels(...DASHBOARD_MODELS)
@Controller('api/connection/dashboard')
export class DashboardController {
  constructor(
    private readonly bus: BusClient,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary:
      "The caller's dashboard: jobs or leads and quotes, escrow and wallet, unread messages and notifications; a part whose service does not answer in time is unavailable",
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CustomerDashboardResponse) },
        { $ref: getSchemaPath(VendorDashboardResponse) },
      ],
    },
    examples: DASHBOARD_EXAMPLES,
  })
  async get(
    @CurrentPrincipal() principal: UserPrincipal<'customer' | 'vendor'>,
  ): Promise<CustomerDashboardResponse | VendorDashboardResponse> {
    const deadline = { timeoutMs: this.config.partDeadlineMs };
    const parts = await gatherParts(
      {
        jobs: () => this.bus.sendAs(principal, JobsApi.getDashboardSummary, {}, deadline),
        escrow: () => this.bus.sendAs(principal, EscrowApi.getDashboardSummary, {}, deadline),
        messages: () => this.bus.sendAs(principal, MessagingApi.getUnreadSummary, {}, deadline),
        notifications: () =>
          this.bus.sendAs(
            principal,
            NotificationsApi.listNotifications,
            { unread_only: true, limit: 1 },
            deadline,
          ),
      },
      this.config.partDeadlineMs,
      (missing) => this.logMissing(missing),
    );
    return principal.role === 'customer'
      ? toCustomerDashboardResponse(parts)
      : toVendorDashboardResponse(parts);
  }

  /** A service down or slow is an outage to watch; any other failure of a part is a bug. */
  private logMissing({ part, reason, error }: MissingPart): void {
    const outage =
      reason === 'deadline' || (error instanceof DomainError && OUTAGES.includes(error.code));
    const details = { part, reason, code: error instanceof DomainError ? error.code : undefined };
    if (outage) this.logger.warn(details, 'dashboard part unavailable');
    else this.logger.error({ ...details, err: error }, 'dashboard part failed');
  }
}
