import assert from 'node:assert/strict';
import { buildAskRequest } from '../../../../src/core/ask/askContext';
import { imageMediaType, withImages, type AttachedImage } from '../../../../src/core/ask/imageAttachments';
import { classify } from '../../../../src/core/routing/classify';

const PNG = 'iVBORw0KGgo=';
const image = (name: string): AttachedImage => ({ path: `assets/${name}`, name, part: { type: 'image', mediaType: 'image/png', data: PNG } });

describe('imageAttachments', () => {
  const types = [
    ['shot.png', 'image/png'], ['photo.JPG', 'image/jpeg'], ['a.b.jpeg', 'image/jpeg'], ['anim.gif', 'image/gif'], ['x.webp', 'image/webp'],
    ['diagram.svg', undefined], ['notes.txt', undefined], ['png', undefined],
  ] as const;
  for (const [name, want] of types) {
    it(`${name} → ${want ?? 'not an image a model takes'}`, () => assert.equal(imageMediaType(name), want));
  }

  it('adds the images after the question text, in the one user message, and lists them for the header', () => {
    const ask = withImages(buildAskRequest('What does this diagram show?', undefined, 1000), [image('a.png'), image('b.png')]);
    const message = ask.request.messages.at(-1);
    assert.deepEqual(message?.content, [
      { type: 'text', text: 'What does this diagram show?' },
      { type: 'image', mediaType: 'image/png', data: PNG },
      { type: 'image', mediaType: 'image/png', data: PNG },
    ]);
    assert.deepEqual(ask.attached.images, ['a.png', 'b.png']);
  });

  it('puts the image paths into contextFiles, so privacy globs see them', () => {
    const ask = withImages(buildAskRequest('Describe it', undefined, 1000), [image('secret.png')]);
    assert.deepEqual(ask.request.contextFiles, ['assets/secret.png']);
  });

  it('makes routing need vision, from the image part and not from the words', () => {
    const withImage = classify(withImages(buildAskRequest('Describe it', undefined, 1000), [image('a.png')]).request);
    assert.equal(withImage.needs.vision, true);
    assert.equal(withImage.type, 'multimodal');
    assert.equal(classify(buildAskRequest('Describe the image of a cat in this screenshot', undefined, 1000).request).needs.vision, false);
  });

  it('leaves a request without images as it was', () => {
    const ask = buildAskRequest('Hi', undefined, 1000);
    assert.equal(withImages(ask, []), ask);
  });
});
