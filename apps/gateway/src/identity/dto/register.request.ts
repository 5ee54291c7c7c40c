import { ApiProperty } from '@nestjs/swagger';
import { IsUkPhone } from '#contracts';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';

export const SELF_SERVICE_ROLES = ['customer', 'vendor'] as const;

export class RegisterRequest {
  @ApiProperty({ example: 'alice@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @Length(10, 128)
  password!: string;

  @ApiProperty({ example: 'Alice Customer' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '+447911123456', description: 'UK phone number, stored as E.164' })
  @IsUkPhone()
  phone!: string;

  @ApiProperty({ enum: SELF_SERVICE_ROLES, description: 'admins are created by the operator CLI' })
  @IsIn(SELF_SERVICE_ROLES)
  role!: (typeof SELF_SERVICE_ROLES)[number];
}
