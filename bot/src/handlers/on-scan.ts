import { types } from 'wechaty';
import type { BotContext } from '../context.js';

/** Waiting for a scan: hand the QR payload to the api so an organizer can scan it from the admin page. */
export function onScan(ctx: BotContext) {
  return async (qrcode: string, status: types.ScanStatus): Promise<void> => {
    ctx.log.info({ status: types.ScanStatus[status] }, 'waiting for a QR scan');
    const waiting = status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout;
    await ctx.api.status({
      account: ctx.account,
      state: 'scan',
      ...(waiting && qrcode ? { qrcode: qrcode.slice(0, 2000) } : {}),
    });
  };
}
