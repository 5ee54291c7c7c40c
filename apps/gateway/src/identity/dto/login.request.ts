import { IsText } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class LoginRequest {
  @ApiProperty({ example: 'alice@example.com', maxLength: 254 })
  @IsText({ min: 1, max: 254 })
  email!: string;

  @ApiProperty({ maxLength: 128 })
  @IsText({ min: 1, max: 128, trim: false })
  password!: string;
}
