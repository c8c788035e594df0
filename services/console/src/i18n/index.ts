import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';

export const LANGUAGES = ['en', 'fr', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'hearth.language';

/** The language chosen last on this device, or for this user when signed in, else the browser's. */
export function rememberedLanguage(userId?: string): Language {
  const stored = (userId && localStorage.getItem(`${STORAGE_KEY}.${userId}`)) || localStorage.getItem(STORAGE_KEY) || navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(stored) ? (stored as Language) : 'en';
}

export function chooseLanguage(language: Language, userId?: string): void {
  localStorage.setItem(STORAGE_KEY, language);
  if (userId) localStorage.setItem(`${STORAGE_KEY}.${userId}`, language);
  void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, nl: { translation: nl } },
  lng: rememberedLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
