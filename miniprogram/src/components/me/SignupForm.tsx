import { useEffect, useRef, useState } from 'react';
import type { NotifySettings } from '@techbridge/shared';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { go, PAGES, replace } from '../../lib/routes';
import type { SessionUser } from '../../lib/session';
import type { EventItem, Registration } from '../../lib/types';
import {
  answerKey,
  errorsAfterEdit,
  splitServerErrors,
  toRegistrationBody,
  validateSignup,
  type SignupValues,
} from '../../lib/signupForm';
import { askConsent, loadNotifySettings, SIGNUP_KINDS } from '../../lib/notify';
import { loadSignupContact, rememberSignup } from '../../lib/signupMemory';
import { ActionButton } from '../ActionButton';
import { StatusTag } from '../StatusTag';
import { REGISTRATION_ROLE_LABELS } from '@techbridge/shared/labels';
import { DateText } from '../browse/DateText';
import { ChoiceChips } from '../ChoiceChips';
import { Field, TextField } from './FormField';
import { useToast } from './useToast';

// The same words the organizer's registrant list and the CSV export use.
const ROLES = [
  { value: 'attendee', label: REGISTRATION_ROLE_LABELS.attendee },
  { value: 'presenter', label: REGISTRATION_ROLE_LABELS.presenter },
] as const;

interface Props {
  event: EventItem;
  user: SessionUser;
  source?: string;
}

export function SignupForm({ event, user, source }: Props) {
  const questions = event.registration.questions;
  const [values, setValues] = useState<SignupValues>({
    role: 'attendee',
    name: user.name ?? '',
    org: user.org ?? '',
    phone: '',
    answers: {},
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** Set when the api says "already registered": the existing registration to look at instead. */
  const [existingId, setExistingId] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { toast, showToast } = useToast();
  const [notify, setNotify] = useState<NotifySettings | null>(null);
  // weapp: WeChat's own dialog asks on submit; H5 (development only) records consent when ticked here.
  const [notifyOn, setNotifyOn] = useState(process.env.TARO_ENV === 'weapp');
  useEffect(() => {
    void loadNotifySettings().then(setNotify);
  }, []);
  const signupTemplates = (notify?.templates ?? []).filter((t) => SIGNUP_KINDS.includes(t.kind));
  const canAsk =
    Boolean(notify?.enabled) && signupTemplates.length > 0 && (process.env.TARO_ENV === 'weapp' || notify!.browserConsent);

  // The form remembers the person's last sign-up (name, organisation, phone): filled in where they have not
  // typed yet, since the answer may arrive after they started.
  const typed = useRef(new Set<string>());
  useEffect(() => {
    let live = true;
    void loadSignupContact(user.id).then((last) => {
      if (!live) return;
      setValues((v) => {
        const next = { ...v };
        for (const k of ['name', 'org', 'phone'] as const) if (last[k] && !typed.current.has(k)) next[k] = last[k]!;
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [user.id]);

  // Each edit re-checks the fields it touched, so a corrected value drops its error straight away.
  const edit = (next: SignupValues, changed: string[]) => {
    setValues(next);
    setErrors((e) => errorsAfterEdit(e, next, questions, changed));
  };
  const set = (patch: Partial<SignupValues>) => {
    for (const k of Object.keys(patch)) typed.current.add(k);
    edit({ ...values, ...patch }, Object.keys(patch));
  };
  const setAnswer = (id: string, answer: string) =>
    edit({ ...values, answers: { ...values.answers, [id]: answer } }, [answerKey(id)]);

  const submit = async () => {
    const found = validateSignup(values, questions);
    setErrors(found);
    setFormError(null);
    setExistingId(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    // First, straight from the tap: WeChat shows its consent dialog only inside a user gesture.
    if (canAsk && notifyOn) await askConsent(SIGNUP_KINDS, notify);
    try {
      const body = toRegistrationBody(values, questions, source);
      const reg = await api.post<Registration>(`/events/${event.id}/registrations`, body);
      rememberSignup(user.id, { name: body.name, org: body.org, phone: body.phone });
      // Stay disabled until the result page replaces this one, so a second tap cannot send it again.
      replace(PAGES.eventResult, { id: event.id, regId: reg.id });
    } catch (e) {
      setSubmitting(false);
      const err = e instanceof ApiError ? e : null;
      const message = err?.message ?? '提交失败，请稍后重试';
      const { byField, other } = splitServerErrors(err?.fields ?? [], questions);
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        // Problems with fields the form does not show (none expected) still need saying, in full.
        if (other.length > 0) setFormError(message);
        return;
      }
      const details = err?.details as { registrationId?: string } | undefined;
      if (err?.status === 409 && details?.registrationId) setExistingId(details.registrationId);
      setFormError(message);
      showToast(message, 'fail');
    }
  };

  return (
    <View className="signup-form">
      {toast}
      <View className="section">
        <View className="card__title">{event.title}</View>
        <View className="card__meta">
          <DateText text={`${formatTime(event.startsAt)} · ${event.venue ?? (event.onlineUrl ? '线上' : '地点待定')}`} />
        </View>
        {event.availability ? (
          <View className="signup-form__availability">
            <StatusTag status={event.availability.state}>{event.availability.label}</StatusTag>
          </View>
        ) : null}
      </View>

      <View className="section">
        <Field label="报名身份" required error={errors.role}>
          <ChoiceChips
            label="报名身份"
            className="signup-role"
            choices={ROLES}
            value={values.role}
            onChange={(role) => set({ role: role as SignupValues['role'] })}
          />
        </Field>
        <TextField
          label="姓名"
          name="signup-name"
          required
          value={values.name}
          onChange={(name) => set({ name })}
          error={errors.name}
          maxlength={50}
        />
        <TextField
          label="单位"
          name="signup-org"
          required
          value={values.org}
          onChange={(org) => set({ org })}
          error={errors.org}
        />
        <TextField
          label="手机号"
          name="signup-phone"
          required
          phone
          value={values.phone}
          onChange={(phone) => set({ phone })}
          error={errors.phone}
          maxlength={20}
        />
        {questions.map((q) =>
          q.type === 'choice' ? (
            <Field key={q.id} label={q.label} required={q.required} error={errors[answerKey(q.id)]}>
              <ChoiceChips
                label={q.label}
                className={`signup-q-${q.id}`}
                choices={q.options.map((o) => ({ value: o, label: o }))}
                value={values.answers[q.id] ?? ''}
                // Tapping the chosen option again clears an optional answer.
                onChange={(o) => setAnswer(q.id, values.answers[q.id] === o && !q.required ? '' : o)}
              />
            </Field>
          ) : (
            <TextField
              key={q.id}
              label={q.label}
              name={`signup-q-${q.id}`}
              required={q.required}
              value={values.answers[q.id] ?? ''}
              onChange={(a) => setAnswer(q.id, a)}
              error={errors[answerKey(q.id)]}
              placeholder={q.required ? undefined : '选填'}
              maxlength={1000}
            />
          ),
        )}
      </View>

      {formError ? (
        <View className="form-error" role="alert">
          {formError}
          {existingId ? (
            <View className="link" onClick={() => go(PAGES.eventResult, { id: event.id, regId: existingId })}>
              查看我的报名 ›
            </View>
          ) : null}
        </View>
      ) : null}
      {canAsk ? (
        <View className="section signup-notify" onClick={() => setNotifyOn((on) => !on)}>
          <View className="signup-notify__toggle" role="checkbox" aria-checked={notifyOn}>
            {notifyOn ? '☑' : '☐'} 接收微信消息提醒{process.env.TARO_ENV === 'h5' ? '（开发模式）' : ''}
          </View>
          <View className="muted">{signupTemplates.map((t) => `${t.title}：${t.description}`).join('；')}</View>
        </View>
      ) : null}
      <View className="form-actions">
        <ActionButton block type="primary" className="signup-submit" loading={submitting} onClick={() => void submit()}>
          提交报名
        </ActionButton>
      </View>
    </View>
  );
}
