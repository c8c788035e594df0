import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenExpiredError } from 'jsonwebtoken';
import { ACCESS_POLICY_KEY, type AccessPolicy } from './access-policy';
import type { Actor } from './actor';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth.options';
import type { AuthenticatedRequest } from './authenticated-request';
import { verifyToken } from './token';

/**
 * Global guard: every route must declare @Public() or @Roles(...) (handler first, then
 * controller); a route that declares neither is refused to everyone.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);
  private readonly reportedRoutes = new Set<string>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.reportUndeclaredRoute(context);
      throw new ForbiddenException('This endpoint admits no role');
    }
    if (policy.kind === 'public') {
      return true;
    }

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.authenticate(request);
    if (!policy.roles.includes(actor.role)) {
      throw new ForbiddenException(`Role ${actor.role} may not use this endpoint`);
    }
    request.actor = actor;
    return true;
  }

  private authenticate(request: AuthenticatedRequest): Actor {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('A bearer token is required');
    }
    try {
      return verifyToken(this.options.jwtSecret, token);
    } catch (error) {
      throw new UnauthorizedException(error instanceof TokenExpiredError ? 'The token has expired' : 'The token is invalid');
    }
  }

  private reportUndeclaredRoute(context: ExecutionContext): void {
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    if (!this.reportedRoutes.has(route)) {
      this.reportedRoutes.add(route);
      this.logger.warn(`${route} declares neither @Roles nor @Public; it is refused to everyone`);
    }
  }
}
