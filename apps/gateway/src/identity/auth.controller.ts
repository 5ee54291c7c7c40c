import { ErrorCode, type UserPrincipal } from '#contracts';
import { PublicRoute } from '#platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CredentialRoute } from '../abuse-limits/credential-route.decorator.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { TokenPairResponse, UserResponse } from './dto/auth.response.js';
import { LoginRequest } from './dto/login.request.js';
import { RefreshRequest } from './dto/refresh.request.js';
import { RegisterRequest } from './dto/register.request.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @PublicRoute()
  @Post('auth/register')
  @CredentialRoute('email')
  @ApiOperation({ summary: 'Creates a customer or vendor account' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(ErrorCode.EMAIL_TAKEN)
  register(@Body() body: RegisterRequest): Promise<UserResponse> {
    return this.auth.register(body);
  }

  @PublicRoute()
  @Post('auth/login')
  @CredentialRoute('email')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchanges email and password for tokens; repeated failures lock the account briefly',
  })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(ErrorCode.INVALID_CREDENTIALS)
  login(@Body() body: LoginRequest): Promise<TokenPairResponse> {
    return this.auth.login(body);
  }

  @PublicRoute()
  @Post('auth/refresh')
  @CredentialRoute('refresh_token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A new token pair for a refresh token, which is spent' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(ErrorCode.INVALID_REFRESH_TOKEN, ErrorCode.REFRESH_TOKEN_REUSED)
  refresh(@Body() body: RefreshRequest): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refresh_token);
  }

  @PublicRoute()
  @Post('auth/logout')
  @CredentialRoute('refresh_token')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Ends the refresh token's session" })
  @ApiNoContentResponse({ description: "the session's refresh tokens stop working" })
  @ApiErrors(ErrorCode.INVALID_REFRESH_TOKEN)
  logout(@Body() body: RefreshRequest): Promise<void> {
    return this.auth.logout(body.refresh_token);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentPrincipal() principal: UserPrincipal): Promise<UserResponse> {
    return this.auth.me(principal);
  }
}
