import { z } from 'zod';
import { FacetId, RegionCode } from './common.js';

export const Role = z.enum(['admin', 'organizer']);
export type Role = z.infer<typeof Role>;

export const WechatLoginInput = z.object({ code: z.string().trim().min(1, '缺少登录凭证').max(200) }).strict();
export const DevLoginInput = z
  .object({
    openid: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,64}$/, 'openid 格式不正确'),
    name: z.string().max(50).optional(),
  })
  .strict();
export const PasswordLoginInput = z
  .object({ username: z.string().trim().min(1, '请输入用户名').max(50), password: z.string().min(1, '请输入密码').max(200) })
  .strict();

/** What a user wants to hear about: regions and topics, and whether they agreed to WeChat subscribe messages. */
export const PersonalSubscription = z.object({
  regions: z.array(RegionCode).max(40),
  topics: z.array(FacetId).max(40),
  notifyConsent: z.boolean(),
});

export const User = z.object({
  id: z.string(),
  name: z.string().nullable(),
  org: z.string().nullable(),
  kind: z.string().nullable(),
  roles: z.array(Role),
  subscription: PersonalSubscription,
});
export type User = z.infer<typeof User>;
export const Session = z.object({ token: z.string(), expiresAt: z.string(), user: User });
export type Session = z.infer<typeof Session>;

export const ProfileInput = z
  .object({
    name: z.string().trim().max(50).optional(),
    org: z.string().trim().max(200).optional(),
    kind: z.enum(['researcher', 'enterprise', 'institution', 'investor', 'tech-manager']).optional(),
    subscription: PersonalSubscription.partial().strict().optional(),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileInput>;

/** Changing one's own password signs out every other device (the token version moves). */
export const PasswordChangeInput = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(200),
    newPassword: z.string().min(10, '新密码至少 10 个字符').max(200, '新密码不能超过 200 个字符'),
  })
  .strict();

/** An admin changes what an account may do; removing a role or disabling ends its sessions at once. */
export const UserAdminPatch = z
  .object({ roles: z.array(Role).max(2).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((p) => p.roles !== undefined || p.disabled !== undefined, { message: '请至少修改一项（roles 或 disabled）' });

export const AdminUser = User.extend({ username: z.string().nullable(), disabled: z.boolean() });

/** An organizer account as the co-organizer picker shows it (no contact data). */
export const OrganizerSummary = z.object({ id: z.string(), name: z.string().nullable(), username: z.string().nullable() });
export type OrganizerSummary = z.infer<typeof OrganizerSummary>;
export const OrganizerList = z.object({ items: z.array(OrganizerSummary) });
export type OrganizerList = z.infer<typeof OrganizerList>;
