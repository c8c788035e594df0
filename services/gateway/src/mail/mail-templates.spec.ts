import { renderMail } from './mail-templates';

describe('mail templates', () => {
  const params = { name: 'Ann', link: 'https://hearth.example.org/confirm-email?token=abc', hours: 48 };

  it('writes the e-mail confirmation in English with the link and its lifetime', () => {
    const mail = renderMail('verify_email', 'en', params);

    expect(mail.subject).toBe('Confirm your e-mail address for Hearth');
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toContain('https://hearth.example.org/confirm-email?token=abc');
    expect(mail.text).toContain('expires in 48 hours');
  });

  it('writes it in French and Dutch for owners who chose those languages', () => {
    expect(renderMail('verify_email', 'fr', params).subject).toBe('Confirmez votre adresse e-mail pour Hearth');
    expect(renderMail('verify_email', 'fr', params).text).toContain('expire dans 48 heures');
    expect(renderMail('verify_email', 'nl', params).text).toContain('verloopt over 48 uur');
  });

  it('does not HTML-escape the link in the plain-text body', () => {
    const mail = renderMail('reset_password', 'nl', { name: 'Jan', link: 'https://h.example/reset?token=a&b=1', minutes: 60 });

    expect(mail.text).toContain('https://h.example/reset?token=a&b=1');
    expect(mail.text).toContain('60 minuten');
  });
});
