import { IsText } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/** Body of `/api/auth/refresh` and `/api/auth/logout`. */
export class RefreshRequest {
  @ApiProperty({
    description: '`<token id>.<secret>`, as login or refresh answered it',
    maxLength: 200,
  })
  @IsText({ min: 1, max: 200, trim: false })
  refresh_token!: string;
}
