import type { Deps } from '../deps.js';
import type { NotificationDoc } from '../models/index.js';
import { WechatError } from './accessToken.js';
import { sendSubscribeMessage } from './wechatSend.js';
import { clearCredits, refundCredit, takeCredit } from './consent.js';

/** How long a claim lasts before another pass may look at it. */
const CLAIM_MS = 60_000;
const BATCH = 50;
const PARALLEL = 10;
/** 43101: the person refused or has no subscription left; 47003: our data broke a field rule. */
const REFUSED = 43101;
const PERMANENT = new Set([47003, 40003, 40037, 41030]);

type Outcome = 'sent' | 'no_credit' | 'refused' | 'failed';

/**
 * Sends every due subscribe message: claim it (a conditional update from `pending` on its claim
 * count, so one sender has it), take a consent credit (none: recorded as `no_credit`, nothing sent),
 * send, and record the outcome. Network failures retry with back-off and end as `failed` after
 * NOTIFY_MAX_ATTEMPTS, with the credit given back. Run by the scheduler's lease holder; safe to run
 * concurrently anyway. Returns how many messages reached an outcome.
 */
export async function sendDueNotifications(deps: Deps): Promise<number> {
  if (!deps.env.SUBSCRIBE_MESSAGES) return 0;
  await recoverLapsedClaims(deps);
  let done = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (
      await deps.models.Notification.find({ status: 'pending', notBefore: { $lte: deps.now() } })
        .sort({ notBefore: 1, _id: 1 })
        .limit(BATCH)
        .lean<NotificationDoc[]>()
    ).filter((n) => !seen.has(n._id));
    if (due.length === 0) return done;
    for (const n of due) seen.add(n._id);
    for (let i = 0; i < due.length; i += PARALLEL) {
      const results = await Promise.all(due.slice(i, i + PARALLEL).map((n) => sendOne(deps, n)));
      done += results.filter(Boolean).length;
    }
  }
}

/** One message: true when it reached a final outcome in this call. */
async function sendOne(deps: Deps, n: NotificationDoc): Promise<boolean> {
  const { models, env } = deps;
  const claimed = await models.Notification.updateOne(
    { _id: n._id, status: 'pending', claims: n.claims },
    { $set: { status: 'sending', leaseUntil: new Date(deps.now().getTime() + CLAIM_MS) }, $inc: { claims: 1 } },
  );
  if (claimed.matchedCount !== 1) return false; // another sender has it
  const userId = String(n.user);
  if (!n.creditSpent) {
    if (!(await takeCredit(models, userId, n.kind))) return finish(deps, n, 'no_credit', '用户未订阅该消息');
    await models.Notification.updateOne({ _id: n._id, status: 'sending' }, { $set: { creditSpent: true } });
  }
  const user = await models.User.findById(n.user, { openid: 1 }).lean();
  if (!user?.openid) {
    await refundCredit(models, userId, n.kind);
    return finish(deps, n, 'failed', '用户没有微信身份');
  }
  await models.Notification.updateOne({ _id: n._id, status: 'sending' }, { $set: { calledAt: deps.now() } });
  try {
    await sendSubscribeMessage(env, deps.wechatToken, {
      openid: user.openid,
      templateId: n.templateId,
      page: n.page,
      data: n.data as Record<string, { value: string }>,
    });
    return finish(deps, n, 'sent', null);
  } catch (e) {
    const errcode = e instanceof WechatError ? e.errcode : null;
    if (errcode === REFUSED) {
      await clearCredits(models, userId, n.kind);
      return finish(deps, n, 'refused', '用户拒收或订阅已用完 (43101)');
    }
    const attempts = n.attempts + 1;
    const lastError = errcode === null ? '微信接口不可用' : `微信拒绝 (${errcode})`;
    if ((errcode !== null && PERMANENT.has(errcode)) || attempts >= env.NOTIFY_MAX_ATTEMPTS) {
      await refundCredit(models, userId, n.kind); // WeChat never took it: the consent is still unused
      return finish(deps, n, 'failed', lastError, attempts);
    }
    const notBefore = new Date(deps.now().getTime() + env.NOTIFY_RETRY_BASE_MS * 2 ** (attempts - 1));
    await models.Notification.updateOne(
      { _id: n._id, status: 'sending' },
      { $set: { status: 'pending', attempts, lastError, notBefore, leaseUntil: null, calledAt: null } },
    );
    return false;
  }
}

async function finish(deps: Deps, n: NotificationDoc, outcome: Outcome, lastError: string | null, attempts = n.attempts) {
  const { matchedCount } = await deps.models.Notification.updateOne(
    { _id: n._id, status: 'sending' },
    { $set: { status: outcome, lastError, attempts, leaseUntil: null, ...(outcome === 'sent' ? { sentAt: deps.now() } : {}) } },
  );
  if (matchedCount === 1) deps.metrics.notifications.inc({ kind: n.kind, outcome });
  return matchedCount === 1;
}

/**
 * Claims whose sender vanished (a crash, a lost lease). Before the HTTP call nothing went out, so the
 * message goes back to `pending`; after it, WeChat may have delivered it, and resending could post it
 * twice, so it is recorded as failed with that reason instead.
 */
async function recoverLapsedClaims(deps: Deps): Promise<void> {
  const { models } = deps;
  const lapsed = await models.Notification.find({ status: 'sending', leaseUntil: { $lt: deps.now() } }).lean<NotificationDoc[]>();
  for (const n of lapsed) {
    const filter = { _id: n._id, status: 'sending', claims: n.claims };
    if (!n.calledAt) {
      await models.Notification.updateOne(filter, { $set: { status: 'pending', leaseUntil: null } });
      continue;
    }
    const { matchedCount } = await models.Notification.updateOne(filter, {
      $set: { status: 'failed', lastError: '发送结果未知（发送中断），为免重复不再重发', leaseUntil: null },
    });
    if (matchedCount === 1) deps.metrics.notifications.inc({ kind: n.kind, outcome: 'failed' });
  }
}
