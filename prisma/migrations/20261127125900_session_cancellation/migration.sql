-- AlterTable
ALTER TABLE "LiveSession" ADD COLUMN     "cancellationReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);
