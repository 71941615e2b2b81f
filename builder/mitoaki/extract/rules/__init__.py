"""Reading rules of general English and biomedical prose, each in its own module."""
