"""Unbound extension objects; create_app binds them in register_extensions."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from portal.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
# Storage from RATELIMIT_STORAGE_URI: memory:// by default, PORTAL_REDIS_URL when set (register_extensions).
limiter = Limiter(key_func=get_remote_address)
