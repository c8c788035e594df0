import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';

export const LANGUAGES = ['en', 'fr', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

let translator: i18n | undefined;

/** Labels of indicators, measures and groups (en, fr, nl; English when a label is missing). */
export function labels(language: Language): (key: string, fallback?: string) => string {
  if (!translator) {
    translator = i18next.createInstance();
    void translator.init({
      initAsync: false,
      resources: { en: { translation: en }, fr: { translation: fr }, nl: { translation: nl } },
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      keySeparator: '.',
      nsSeparator: false,
      showSupportNotice: false,
    });
  }
  const t = translator.getFixedT(language);
  return (key, fallback) => t(key, { defaultValue: fallback ?? key });
}
