"""The programme domain. One module per concept; this package re-exports them
so that `from programme.models import Cohort` keeps working as modules grow."""
from .organisations import Organisation
from .programmes import Programme
from .users import User

__all__ = ["Organisation", "Programme", "User"]
