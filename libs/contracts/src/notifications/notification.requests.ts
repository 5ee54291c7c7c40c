import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageRequest } from '../pagination/page.request.js';

/** What a notification is about; preferences are kept per category and channel. */
export const NOTIFICATION_CATEGORIES = [
  'leads',
  'quotes',
  'messages',
  'payments',
  'disputes',
  'reviews',
  'account',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Money and disputes are critical: neither channel can be turned off. */
export const LOCKED_CATEGORIES: readonly NotificationCategory[] = ['payments', 'disputes'];

/** A query flag arrives as the text `true` or `false`. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** `GET /api/connection/notifications`: a page of the caller's own, newest first. */
export class NotificationListRequest extends PageRequest {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'only those not read yet' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread_only?: boolean;
}

/** `notifications.notification.mark-read` data: any string, an unknown id answers 404. */
export class NotificationIdInput {
  @IsString()
  @Length(1, 64)
  notification_id!: string;
}

export class PreferenceChange {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES })
  @IsIn(NOTIFICATION_CATEGORIES)
  category!: NotificationCategory;

  @ApiPropertyOptional({ description: 'unchanged when left out' })
  @IsOptional()
  @IsBoolean()
  in_app?: boolean;

  @ApiPropertyOptional({ description: 'unchanged when left out' })
  @IsOptional()
  @IsBoolean()
  email?: boolean;
}

/** `PUT /api/connection/notification-preferences`: the categories to change, each once. */
export class PutPreferencesRequest {
  @ApiProperty({ type: [PreferenceChange], minItems: 1, maxItems: NOTIFICATION_CATEGORIES.length })
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_CATEGORIES.length)
  @ArrayUnique((change?: PreferenceChange) => change?.category, {
    message: 'each category may be named once',
  })
  @ValidateNested({ each: true })
  @Type(() => PreferenceChange)
  preferences!: PreferenceChange[];
}

/** A page of a job's audit trail. Up to 100 entries a page, the whole of most jobs' trails. */
export class JobEventsPageRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** `notifications.event.list-for-job` and its admin twin: one page of one job's trail. */
export class JobEventsPageInput extends JobEventsPageRequest {
  @IsString()
  @Length(1, 64)
  job_id!: string;
}
