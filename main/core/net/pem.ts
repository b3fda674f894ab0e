// PEM certificate blocks of a text (a CA bundle, a kubeconfig's CA): pure, so the browser can
// use it too.

export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*/g)?.map((b) => `${b.trim()}\n`) ?? [];
}
