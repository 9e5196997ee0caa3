import { Schema } from 'mongoose';
import { trackChanges } from '../db/changeTokens.js';

/** Facet fields shared by policies, programs and events; indexed for the public list filters. */
export const facetFields = {
  regions: { type: [String], default: [], index: true },
  topics: { type: [String], default: [], index: true },
  audiences: { type: [String], default: [] },
};

export const policySchema = new Schema(
  {
    title: { type: String, required: true },
    docNo: String,
    issuer: String,
    ...facetFields,
    publishedAt: Date,
    summary: { type: String, default: '' },
    body: { type: String, default: '' },
    sourceUrl: String,
    status: { type: String, enum: ['draft', 'published', 'archived'], default: 'draft', index: true },
    /** Normalized 文号 or title: the same policy imported twice is one record. */
    dedupKey: { type: String, required: true, unique: true },
    /** Normalized title even when a 文号 exists: the duplicate check flags a same-titled policy too. */
    titleKey: { type: String, index: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

export const programSchema = new Schema(
  {
    code: { type: String, unique: true, sparse: true },
    name: { type: String, required: true },
    /** Normalized name, for the duplicate check before saving. */
    nameKey: { type: String, index: true },
    issuer: String,
    summary: { type: String, default: '' },
    eligibility: { type: [String], default: [] },
    benefits: { type: [String], default: [] },
    ...facetFields,
    applicationOpensAt: Date,
    applicationClosesAt: Date,
    sourceUrl: String,
    status: { type: String, enum: ['draft', 'published', 'archived'], default: 'draft', index: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

const questionSchema = new Schema(
  { id: String, label: String, type: { type: String, default: 'text' }, options: [String], required: Boolean },
  { _id: false },
);

export const eventSchema = new Schema(
  {
    title: { type: String, required: true },
    kind: { type: String, enum: ['roadshow', 'matchmaking', 'challenge', 'training'], required: true },
    summary: { type: String, default: '' },
    description: { type: String, default: '' },
    startsAt: { type: Date, required: true, index: true },
    endsAt: Date,
    venue: String,
    address: String,
    onlineUrl: String,
    organizer: String,
    ...facetFields,
    registration: {
      opensAt: Date,
      closesAt: Date,
      capacity: { type: Number, required: true, min: 1 },
      waitlistEnabled: { type: Boolean, default: true },
      approvalRequired: { type: Boolean, default: false },
      offerWindowMinutes: { type: Number, default: 0 },
      questions: { type: [questionSchema], default: [] },
    },
    status: { type: String, enum: ['draft', 'published', 'archived', 'cancelled'], default: 'draft', index: true },
    /** Raised by every change of time or place and by cancellation (the `.ics` SEQUENCE); also guards those edits. */
    sequence: { type: Number, default: 0 },
    cancelReason: { type: String, default: null },
    cancelledAt: { type: Date, default: null },
    /**
     * The last change of time or place, saved with it: what to tell and whether everyone concerned has been
     * recorded to be told (`done`). A crash between saving and telling leaves `done: false` for the sweep.
     */
    changeNotice: {
      sequence: Number,
      lines: String,
      note: String,
      done: Boolean,
    },
    /** Everyone concerned by the cancellation has been recorded to be told (the sweep finishes it otherwise). */
    cancelNoticed: { type: Boolean, default: false },
    /** Short code people type in chat (`报名 K7MX4P`); held in `eventCodes` while the event is not over. */
    code: String,
    /** The cover picture's path under the api (`/api/v1/images/<id>`), set by `POST /events/:id/cover`. */
    coverUrl: { type: String, default: null },
    /** Seed documents carry a stable key so `npm run seed` is idempotent. */
    seedKey: { type: String, unique: true, sparse: true },
    /** The owner: with the co-organizers, the only organizers who may run the event (api/src/policies). */
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    coOrganizers: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
  },
  { timestamps: true },
);
// "My events" in the organizer screens: owned or co-organized.
eventSchema.index({ createdBy: 1 });
eventSchema.index({ coOrganizers: 1 });

// The public lists: published items in their list order (facet filters then narrow within it).
policySchema.index({ status: 1, publishedAt: -1, _id: -1 });
programSchema.index({ status: 1, applicationClosesAt: 1, _id: 1 });
eventSchema.index({ status: 1, startsAt: 1, _id: 1 });

// Public reads are cached per api instance and revalidated against these tokens (middlewares/readCache.ts).
for (const schema of [policySchema, programSchema, eventSchema]) trackChanges(schema);
