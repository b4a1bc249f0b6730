/** The parts of wink's English lite model that nlp/model.ts composes; wink-nlp calls them. */
declare module 'wink-eng-lite-web-model/dist/*.js' {
  const part: unknown;
  export default part;
}
