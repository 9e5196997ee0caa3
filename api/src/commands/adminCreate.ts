/**
 * `npm run admin:create -- <username> [--organizer]`: creates (or resets the password of) a
 * platform admin, or an organizer with --organizer. A reset also ends the account's sessions and
 * lifts a lockout or a disable: it is how an operator gives someone their access back. The password is read from
 * TECHBRIDGE_ADMIN_PASSWORD or, interactively, from standard input; never from argv, so it does
 * not land in shell history or `ps`.
 */
import { createInterface } from 'node:readline/promises';
import bcrypt from 'bcryptjs';
import mongoose from 'mongoose';
import { createModels, syncIndexes } from '../models/index.js';

const args = process.argv.slice(2);
const username = args.find((a) => !a.startsWith('--'));
const role = args.includes('--organizer') ? 'organizer' : 'admin';
if (!username || !/^[A-Za-z0-9_.-]{3,50}$/.test(username)) {
  console.error('usage: npm run admin:create -- <username> [--organizer]   (3-50 letters, digits, _ . -)');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.TECHBRIDGE_ADMIN_PASSWORD) return process.env.TECHBRIDGE_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const pw = await rl.question(`Password for ${username}: `);
  rl.close();
  return pw;
}

const password = await readPassword();
if (password.length < 10) {
  console.error('password must be at least 10 characters');
  process.exit(2);
}
const conn = await mongoose.createConnection(process.env.MONGODB_URI!).asPromise();
const models = createModels(conn);
await syncIndexes(models);
const passwordHash = await bcrypt.hash(password, 12);
await models.User.updateOne(
  { username },
  // A password reset ends every session signed with the old password (and lifts a lockout).
  {
    $set: { passwordHash, name: username, failedLogins: 0, disabled: false },
    $unset: { lockedUntil: 1 },
    $addToSet: { roles: role },
    $inc: { tokenVersion: 1 },
  },
  { upsert: true },
);
console.log(`${role} "${username}" is ready; log in with POST /api/v1/auth/login`);
await conn.close();
