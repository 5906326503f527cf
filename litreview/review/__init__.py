"""The review folder: the one door through which every file of a review is read and written."""

from litreview.review.folder import Review

__all__ = ["Review"]
