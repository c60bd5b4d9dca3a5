// No app JavaScript: the page is plain HTML (links and a GET language switch), light in an iframe.
export const csr = false;
