import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_POLICY_KEY, type AccessPolicy } from './access-policy';
import type { Actor } from './actor';
import { TOKEN_VERIFIER } from './auth.options';
import type { AuthenticatedRequest } from './authenticated-request';
import { TokenRejectedError, type TokenVerifier } from './token-verifier';

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
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
    const actor = await this.authenticate(request);
    if (!policy.roles.includes(actor.role)) {
      throw new ForbiddenException(`Role ${actor.role} may not use this endpoint`);
    }
    request.actor = actor;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Actor> {
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedException('A bearer token is required');
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw new UnauthorizedException(error.message);
      // The issuer's keys cannot be fetched: say so (503, retry), do not blame the token.
      this.logger.warn({ err: error }, 'cannot verify tokens: the issuer’s public keys are unavailable');
      throw new ServiceUnavailableException('Tokens cannot be verified for the moment; retry in a few seconds');
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

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(request: { headers: { authorization?: string } }): string | undefined {
  const [scheme, token, extra] = (request.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token && extra === undefined ? token : undefined;
}
