"""What machines read: feeds, the calendar of deadlines, vacancies.json and the
JobPosting data of search engines, as bytes made from the views of `site`.

  feed_pages.py         which feeds, calendars and data files there are, and what each holds
  feeds.py              Atom, JSON Feed and vacancies.json
  interest_feeds.py     what each feed follows (everything, internship offers, a division), and
                        the feed sets the Follow page and the lists link to
  deadline_calendar.py  the iCalendar (RFC 5545) of one language's deadlines
  job_posting.py        schema.org JobPosting as JSON-LD (open vacancies only)

May import: `common`, `content`, `site`.
"""
