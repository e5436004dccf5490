import { AppError, IS_PUBLIC_KEY, ROLES_KEY } from '@app/core';
import type { Role } from '@app/core';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

interface PassportInfo {
  name?: string;
  message?: string;
}

/**
 * The one global guard: every route needs a valid access token unless @Public(), and then the
 * caller's role must be among @Roles() when the route names any.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets);
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (isPublic) {
      // A signed-in caller is still recognised on a public route; a stale token is ignored.
      if (request.headers.authorization) {
        await (super.canActivate(context) as Promise<boolean>).catch(() => {
          request.user = undefined;
        });
      }
      return true;
    }
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user!.role)) throw new AppError('FORBIDDEN');
    return true;
  }

  override handleRequest<TUser = AuthUser>(
    error: unknown,
    user: TUser | false,
    info: unknown,
  ): TUser {
    if (error) throw error instanceof Error ? error : new AppError('UNAUTHENTICATED');
    if (!user) {
      const reason = info as PassportInfo | undefined;
      if (reason?.name === 'TokenExpiredError') throw new AppError('TOKEN_EXPIRED');
      if (reason?.name === 'JsonWebTokenError' || reason?.name === 'NotBeforeError') {
        throw new AppError('TOKEN_INVALID');
      }
      throw new AppError('UNAUTHENTICATED');
    }
    return user;
  }
}
