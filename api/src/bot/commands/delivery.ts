import { replies } from '@techbridge/shared';
import { presentDelivery } from '../../presenters/group.js';
import type { CommandHandler } from './types.js';

/** 模式: instant pushes or one daily digest at a time; quiet hours are kept. */
export const mode: CommandHandler<'mode'> = async ({ deps, group }, cmd) => {
  const delivery = { ...presentDelivery(group), mode: cmd.mode, ...(cmd.mode === 'digest' ? { digestAt: cmd.at } : {}) };
  await deps.models.Group.updateOne({ _id: group._id }, { $set: { delivery } });
  return replies.modeSet(cmd.mode, cmd.mode === 'digest' ? cmd.at : undefined);
};

/** 免打扰: quiet hours (deliveries move past them, never dropped), or none; the mode is kept. */
export const quiet: CommandHandler<'quiet'> = async ({ deps, group }, cmd) => {
  const delivery = { ...presentDelivery(group), quietHours: cmd.range };
  await deps.models.Group.updateOne({ _id: group._id }, { $set: { delivery } });
  return replies.quietSet(cmd.range);
};
