"""Reports from the live record: delivery report PDF, charts, and the audit packet (no widgets).

from deflection_kit.reports import write_report_pdf, write_audit_packet
"""

from deflection_kit.reports.charts import Bar, Chart, report_charts
from deflection_kit.reports.packet import PacketResult, write_audit_packet
from deflection_kit.reports.report_pdf import report_part, write_report_pdf

__all__ = [
    "Bar",
    "Chart",
    "PacketResult",
    "report_charts",
    "report_part",
    "write_audit_packet",
    "write_report_pdf",
]
