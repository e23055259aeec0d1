import type { RemoteModel } from '../types';

/**
 * What a listed model is for. Only `chat` models may answer a prompt: the others take other endpoints
 * (embeddings, speech, images…) and fail a chat request, so they are never offered or routed to.
 */
export type ListedModelKind = 'chat' | 'embedding' | 'speech' | 'transcription' | 'image' | 'video' | 'moderation' | 'realtime' | 'other';

/** How each non-chat kind reads in Show Providers. */
export const LISTED_KIND_LABEL: Readonly<Record<Exclude<ListedModelKind, 'chat'>, string>> = {
  embedding: 'embedding',
  speech: 'text-to-speech',
  transcription: 'transcription',
  image: 'image generation',
  video: 'video generation',
  moderation: 'moderation',
  realtime: 'realtime/audio',
  other: 'not a chat model',
};

/** Id patterns, checked in order; the vendors name these families consistently (OpenAI, Gemini, Ollama, Mistral). */
const ID_RULES: readonly (readonly [RegExp, ListedModelKind])[] = [
  [/embed/, 'embedding'],
  [/moderation/, 'moderation'],
  [/(^|[-_.:])tts([-_.:]|$)|text-to-speech/, 'speech'],
  [/whisper|transcribe|speech-to-text/, 'transcription'],
  [/realtime|native-audio|(^|-)audio(-|$)|(^|-)live(-|$)/, 'realtime'],
  [/dall-e|gpt-image|imagen|(^|-)image(-generation|-preview)?$|flash-image/, 'image'],
  [/(^|-)(veo|sora)(-|$)/, 'video'],
  [/(^|-)(aqa|babbage|davinci)(-|$)/, 'other'],
];

/**
 * Infers a listed model's kind: from the listing's own methods where it gives them (Gemini: no
 * `generateContent` = not a chat model), else from the id. Unknown ids are `chat`: a compatible server's
 * models (llama3.2, qwen2.5-coder…) are chat models, and a wrong guess is visible and fixable in Show Providers.
 */
export function listedModelKind(model: RemoteModel): ListedModelKind {
  const id = model.id.toLowerCase().replace(/^models\//, '');
  if (model.methods !== undefined && !model.methods.includes('generateContent')) {
    return model.methods.some((m) => m.startsWith('embed')) ? 'embedding' : kindFromId(id) ?? 'other';
  }
  return kindFromId(id) ?? 'chat';
}

function kindFromId(id: string): ListedModelKind | undefined {
  return ID_RULES.find(([pattern]) => pattern.test(id))?.[1];
}
