/**
 * What the simulated WeChat shows: every line said in every demo room (members, the bot, and
 * system notices such as "the bot was invited"), in order, with listeners for live updates.
 * Bounded per room so a long-running demo does not grow without end.
 */

/** Who a person is in a room, as the console lets you pick. */
export type Role = 'owner' | 'manager' | 'member' | 'newcomer';

export interface ChatLine {
  seq: number;
  roomId: string;
  /** ISO time. */
  at: string;
  kind: 'member' | 'bot' | 'system';
  speaker: string;
  role?: Role;
  text: string;
}

const PER_ROOM = 200;

export class Conversations {
  private seq = 0;
  private readonly lines = new Map<string, ChatLine[]>();
  private readonly listeners = new Set<(line: ChatLine) => void>();

  add(line: Omit<ChatLine, 'seq' | 'at'>): ChatLine {
    const full = { ...line, seq: ++this.seq, at: new Date().toISOString() };
    const list = this.lines.get(line.roomId) ?? [];
    list.push(full);
    if (list.length > PER_ROOM) list.splice(0, list.length - PER_ROOM);
    this.lines.set(line.roomId, list);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** The lines of one room, oldest first. */
  of(roomId: string): ChatLine[] {
    return [...(this.lines.get(roomId) ?? [])];
  }

  /** Calls `listener` for every new line; returns the unsubscribe function. */
  subscribe(listener: (line: ChatLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
