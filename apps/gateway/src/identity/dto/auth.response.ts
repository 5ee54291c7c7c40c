import type { UserRole } from '#contracts';

export interface TokenPairResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}
