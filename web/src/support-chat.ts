// The widget's one script: `<script type="module" src="https://chat.example/support-chat.js"></script>` and
// `<support-chat></support-chat>` put a support chat on any page.
import { SupportChatElement } from './view/support-chat.js';

export { SupportChatElement };

if (!customElements.get('support-chat')) {
  customElements.define('support-chat', SupportChatElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChatElement;
  }
}
