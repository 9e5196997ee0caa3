/** Which deliveries the api posts to 企业微信 robots and which the bot sends to WeChat rooms. */

/**
 * A robot's deliveries: by channel, and by the robot identity in `roomId` as well, so a delivery written
 * without `channel` (by code that does not know about robots) still goes here and never to the bot.
 */
export const ROBOT_DELIVERY = { $or: [{ channel: 'wecom' }, { roomId: /^wecom:/ }] };
/** Anything else goes to the bot. */
export const ROOM_DELIVERY = { channel: { $ne: 'wecom' }, roomId: { $not: /^wecom:/ } };
