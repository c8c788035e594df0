import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';

export const LANGUAGES = ['en', 'fr', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

let translator: i18n | undefined;

/** One i18next instance for the texts mediation shows people (en, fr, nl; English when a text is missing). */
function translations(): i18n {
  if (!translator) {
    translator = i18next.createInstance();
    void translator.init({
      initAsync: false,
      resources: { en: { translation: en }, fr: { translation: fr }, nl: { translation: nl } },
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
  }
  return translator;
}

export function translate(language: Language, key: string, values: Record<string, unknown> = {}): string {
  return translations().getFixedT(language)(key, values);
}
