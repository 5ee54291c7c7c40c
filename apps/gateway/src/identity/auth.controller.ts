import type { UserPrincipal } from '#contracts';
import { PublicRoute } from '#platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import type { TokenPairResponse, UserResponse } from './dto/auth.response.js';
import { LoginRequest } from './dto/login.request.js';
import { RefreshRequest } from './dto/refresh.request.js';
import { RegisterRequest } from './dto/register.request.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @PublicRoute()
  @Post('auth/register')
  register(@Body() body: RegisterRequest): Promise<UserResponse> {
    return this.auth.register(body);
  }

  @PublicRoute()
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginRequest): Promise<TokenPairResponse> {
    return this.auth.login(body);
  }

  @PublicRoute()
  @Post('auth/refresh')
  @HttpCode(HttpStatus.OK)
  refresh(@Body() body: RefreshRequest): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refresh_token);
  }

  @PublicRoute()
  @Post('auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@Body() body: RefreshRequest): Promise<void> {
    return this.auth.logout(body.refresh_token);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() principal: UserPrincipal): Promise<UserResponse> {
    return this.auth.me(principal);
  }
}
