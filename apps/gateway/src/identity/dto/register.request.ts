import { IsText, IsUkPhone } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn } from 'class-validator';

export const SELF_SERVICE_ROLES = ['customer', 'vendor'] as const;

export class RegisterRequest {
  @ApiProperty({ example: 'alice@example.com', maxLength: 254 })
  @IsText({ min: 1, max: 254 })
  @IsEmail()
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 128, description: 'Taken exactly as typed' })
  @IsText({ min: 10, max: 128, trim: false })
  password!: string;

  @ApiProperty({ example: 'Alice Customer', minLength: 1, maxLength: 100 })
  @IsText({ min: 1, max: 100 })
  name!: string;

  @ApiProperty({ example: '+447911123456', description: 'UK phone number, stored as E.164' })
  @IsUkPhone()
  phone!: string;

  @ApiProperty({ enum: SELF_SERVICE_ROLES, description: 'admins are created by the operator CLI' })
  @IsIn(SELF_SERVICE_ROLES)
  role!: (typeof SELF_SERVICE_ROLES)[number];
}
