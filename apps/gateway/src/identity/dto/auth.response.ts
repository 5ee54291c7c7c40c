import { USER_ROLES, type UserRole } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class TokenPairResponse {
  @ApiProperty({ description: 'HS256 JWT; send as `Authorization: Bearer <access_token>`' })
  access_token!: string;
  @ApiProperty({ description: '`<token id>.<secret>`: spent by its first use' })
  refresh_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ description: 'seconds the access token lives' }) expires_in!: number;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'alice@example.com' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
}
