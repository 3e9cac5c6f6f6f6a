"""The youtube tracker."""
