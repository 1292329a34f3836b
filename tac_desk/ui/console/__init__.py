"""The meeting console: header, quorum banner, roll call, agenda and notes, votes, action items."""
