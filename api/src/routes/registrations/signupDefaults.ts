import { SignupDefaults } from '@techbridge/shared';
import type { RegistrationDoc } from '../../models/index.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** The sign-up form's memory: the caller's own contact from their latest sign-up, and nobody else's. */
export function signupDefaultsRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/signup-defaults',
      access: 'user',
      summary: "Name, organisation and phone from the caller's latest sign-up, to prefill the next one",
      tags: ['registrations'],
      response: SignupDefaults,
      handler: async (ctx) => {
        const latest = await ctx.deps.models.Registration.findOne({ user: ctx.state.user!.id }, { contact: 1 })
          .sort({ createdAt: -1, _id: -1 })
          .lean<Pick<RegistrationDoc, 'contact'>>();
        // Personal data: never kept by a browser or proxy cache.
        ctx.set('Cache-Control', 'private, no-store');
        const c = latest?.contact;
        return { name: c?.name || null, org: c?.org || null, phone: c?.phone || null };
      },
    }),
  ];
}
