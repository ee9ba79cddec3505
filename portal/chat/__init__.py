"""The inquiry service (智能问答): intents.py classifies, answers.py replies per intent via services, routes.py."""

from portal.chat.routes import bp

__all__ = ["bp"]
