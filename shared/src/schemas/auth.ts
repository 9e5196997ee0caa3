import { z } from 'zod';

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

export const User = z.object({
  id: z.string(),
  name: z.string().nullable(),
  org: z.string().nullable(),
  kind: z.string().nullable(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;
export const Session = z.object({ token: z.string(), expiresAt: z.string(), user: User });

export const ProfileInput = z
  .object({
    name: z.string().trim().max(50).optional(),
    org: z.string().trim().max(200).optional(),
    kind: z.enum(['researcher', 'enterprise', 'institution', 'investor', 'tech-manager']).optional(),
  })
  .strict();
