import type { NextFunction, Request, Response } from 'express';
import type { AuthService } from './auth-service.js';
import { sessionToken } from './session-cookie.js';

/**
 * Lets a plain HTTP request through (status page, JSON status, content downloads) only with a
 * live session: any role may read. Pages send the browser to the editor's login; the rest get 401.
 */
export function requireLogin(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (auth.userOf(sessionToken(req))) {
      next();
      return;
    }
    if (req.accepts(['json', 'html']) === 'html' && req.method === 'GET' && req.path === '/') {
      res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(401).json({ error: 'Log in to use Sluice' });
  };
}
