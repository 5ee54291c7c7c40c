import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Body of `/api/auth/refresh` and `/api/auth/logout`. */
export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refresh_token!: string;
}
