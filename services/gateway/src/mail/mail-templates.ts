import i18next, { type i18n } from 'i18next';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import nl from '../i18n/locales/nl.json';
import type { Language } from '../users/domain/user.entity';

export const MAIL_TEMPLATES = ['verify_email', 'reset_password', 'invitation'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailParams {
  name: string;
  link: string;
  hours?: number;
  minutes?: number;
}

let translator: i18n | undefined;

/** One i18next instance for the gateway's texts (en, fr, nl; English when a text is missing). */
function translations(): i18n {
  if (!translator) {
    translator = i18next.createInstance();
    void translator.init({
      initAsync: false,
      resources: { en: { translation: en }, fr: { translation: fr }, nl: { translation: nl } },
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false, // no advertisement in the service's logs
    });
  }
  return translator;
}

/** The subject and plain-text body of an e-mail, in the recipient's language. */
export function renderMail(template: MailTemplate, language: Language, params: MailParams): { subject: string; text: string } {
  const t = translations().getFixedT(language);
  const values: Record<string, unknown> = { ...params };
  const text = [t('mail.greeting', values), '', t(`mail.${template}.body`, values), '', t('mail.ignore'), '', t('mail.signature')].join('\n');
  return { subject: t(`mail.${template}.subject`), text };
}
