import {
  ErrorCode,
  NotificationListRequest,
  NotificationsApi,
  PutPreferencesRequest,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import {
  NotificationListResponse,
  NotificationResponse,
  PreferencesResponse,
  ReadAllResponse,
  toNotificationListResponse,
  toNotificationResponse,
  toPreferencesResponse,
  toReadAllResponse,
} from './notification.response.js';

/** The caller's own notifications and the channels they get them on; nobody else's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/connection')
export class NotificationsController {
  constructor(private readonly bus: BusClient) {}

  @Get('notifications')
  @ApiOperation({ summary: "A page of the caller's notifications, newest first" })
  @ApiOkResponse({ type: NotificationListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: NotificationListRequest,
  ): Promise<NotificationListResponse> {
    return toNotificationListResponse(
      await this.bus.sendAs(principal, NotificationsApi.listNotifications, query),
    );
  }

  @Patch('notifications/:notificationId/read')
  @ApiOperation({
    summary: 'Marks one of the caller’s notifications read (once: the first time stays)',
  })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors(ErrorCode.NOTIFICATION_NOT_FOUND)
  async markRead(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationResponse> {
    return toNotificationResponse(
      await this.bus.sendAs(principal, NotificationsApi.markNotificationRead, {
        notification_id: notificationId,
      }),
    );
  }

  @Post('notifications/read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Marks every one of the caller's notifications read" })
  @ApiOkResponse({ type: ReadAllResponse })
  async readAll(@CurrentPrincipal() principal: UserPrincipal): Promise<ReadAllResponse> {
    return toReadAllResponse(
      await this.bus.sendAs(principal, NotificationsApi.markAllNotificationsRead, {}),
    );
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: "The caller's channels (in-app, email) for each category" })
  @ApiOkResponse({ type: PreferencesResponse })
  async preferences(@CurrentPrincipal() principal: UserPrincipal): Promise<PreferencesResponse> {
    return toPreferencesResponse(
      await this.bus.sendAs(principal, NotificationsApi.getPreferences, {}),
    );
  }

  @Put('notification-preferences')
  @ApiOperation({
    summary:
      'Turns channels of the categories named on or off; payments and disputes cannot be turned off',
  })
  @ApiOkResponse({ type: PreferencesResponse })
  @ApiErrors(ErrorCode.PREFERENCE_LOCKED)
  async putPreferences(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: PutPreferencesRequest,
  ): Promise<PreferencesResponse> {
    return toPreferencesResponse(
      await this.bus.sendAs(principal, NotificationsApi.putPreferences, body),
    );
  }
}
