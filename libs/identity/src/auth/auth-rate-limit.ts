import { SetMetadata } from '@nestjs/common';

export const AUTH_RATE_LIMITED_KEY = 'techfin:authRateLimited';

/**
 * Puts a route under the stricter sign-in limit: AUTH_RATE_LIMIT requests per
 * AUTH_RATE_WINDOW_SECONDS from one client address, one budget shared by every route that
 * carries this (register, login, refresh, and whatever else guesses at credentials), so that
 * spreading attempts over them gains nothing.
 */
export const AuthRateLimited = (): MethodDecorator => SetMetadata(AUTH_RATE_LIMITED_KEY, true);
